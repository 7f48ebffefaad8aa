CREATE TABLE "conversation_messages" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"follower_id" integer NOT NULL,
	"welcome_id" integer,
	"direction" text NOT NULL,
	"via" text NOT NULL,
	"x_id" text,
	"in_reply_to_x_id" text,
	"answers_message_id" integer,
	"text" text NOT NULL,
	"written_at" timestamp with time zone,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	"slack_ts" text,
	"handled" text,
	"handled_by" text,
	"handled_at" timestamp with time zone,
	"nudged_at" timestamp with time zone,
	"status" text,
	"written_by" text,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error_kind" text,
	"error_detail" text,
	"sending_started_at" timestamp with time zone,
	"sending_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "conversation_messages_direction_check" CHECK ("conversation_messages"."direction" in ('in', 'out')),
	CONSTRAINT "conversation_messages_via_check" CHECK ("conversation_messages"."via" in ('dm', 'reply', 'mention')),
	CONSTRAINT "conversation_messages_handled_check" CHECK ("conversation_messages"."handled" is null or "conversation_messages"."handled" in ('answered', 'no-answer-needed')),
	CONSTRAINT "conversation_messages_status_check" CHECK ("conversation_messages"."status" is null or "conversation_messages"."status" in ('pending', 'approved', 'sending', 'sent', 'failed')),
	CONSTRAINT "conversation_messages_shape_check" CHECK (("conversation_messages"."direction" = 'in' and "conversation_messages"."x_id" is not null and "conversation_messages"."status" is null) or ("conversation_messages"."direction" = 'out' and "conversation_messages"."status" is not null))
);
--> statement-breakpoint
ALTER TABLE "followers" ADD COLUMN "do_not_contact_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "followers" ADD COLUMN "do_not_contact_reason" text;--> statement-breakpoint
ALTER TABLE "tracking_cursors" ADD COLUMN "dm_events_newest_id" text;--> statement-breakpoint
ALTER TABLE "tracking_cursors" ADD COLUMN "dm_events_read_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tracking_cursors" ADD COLUMN "dm_events_requests" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "x_accounts" ADD COLUMN "show_dm_text" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "conversation_messages" ADD CONSTRAINT "conversation_messages_account_id_x_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."x_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_messages" ADD CONSTRAINT "conversation_messages_follower_id_followers_id_fk" FOREIGN KEY ("follower_id") REFERENCES "public"."followers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_messages" ADD CONSTRAINT "conversation_messages_welcome_id_welcomes_id_fk" FOREIGN KEY ("welcome_id") REFERENCES "public"."welcomes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "conversation_messages" ADD CONSTRAINT "conversation_messages_answers_message_id_conversation_messages_id_fk" FOREIGN KEY ("answers_message_id") REFERENCES "public"."conversation_messages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "conversation_messages_account_x_id_key" ON "conversation_messages" USING btree ("account_id","x_id") WHERE "conversation_messages"."x_id" is not null;--> statement-breakpoint
CREATE INDEX "conversation_messages_welcome_written_idx" ON "conversation_messages" USING btree ("welcome_id","written_at");