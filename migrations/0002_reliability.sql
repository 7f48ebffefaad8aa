CREATE TABLE "bot_instances" (
	"id" text PRIMARY KEY NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "welcomes" ADD COLUMN "sending_by" text;--> statement-breakpoint
ALTER TABLE "welcomes" ADD COLUMN "card_claimed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "x_accounts" ADD COLUMN "x_credentials" text;
