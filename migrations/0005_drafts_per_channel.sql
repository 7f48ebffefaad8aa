ALTER TABLE "followers" ADD COLUMN "engaged_dm_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "followers" ADD COLUMN "engaged_post_id" text;--> statement-breakpoint
ALTER TABLE "welcomes" ADD COLUMN "drafts" jsonb DEFAULT '{}'::jsonb NOT NULL;