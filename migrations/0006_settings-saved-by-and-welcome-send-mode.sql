ALTER TABLE "welcomes" ADD COLUMN "send_mode" text;--> statement-breakpoint
ALTER TABLE "x_accounts" ADD COLUMN "settings_saved_by" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "welcomes" ADD CONSTRAINT "welcomes_send_mode_check" CHECK ("welcomes"."send_mode" is null or "welcomes"."send_mode" in ('api', 'manual'));