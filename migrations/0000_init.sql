CREATE TABLE "audit_runs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" integer,
	"welcome_id" integer,
	"source" text NOT NULL,
	"actor" text,
	"verdict" text NOT NULL,
	"rule_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "followers" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"x_user_id" text NOT NULL,
	"handle" text NOT NULL,
	"source" text NOT NULL,
	"profile" jsonb,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"unfollowed_at" timestamp with time zone,
	"engaged_first_at" timestamp with time zone,
	"engaged_first_via" text,
	CONSTRAINT "followers_source_check" CHECK ("followers"."source" in ('baseline', 'poll', 'webhook', 'manual'))
);
--> statement-breakpoint
CREATE TABLE "slack_events_seen" (
	"event_id" text PRIMARY KEY NOT NULL,
	"seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "welcome_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"welcome_id" integer NOT NULL,
	"type" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"actor" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "welcomes" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"follower_id" integer NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"channel" text,
	"lang" text NOT NULL,
	"template_id" text,
	"triage" jsonb NOT NULL,
	"draft_text" text NOT NULL,
	"final_text" text,
	"edited_by" text,
	"edited_at" timestamp with time zone,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"slack_channel_id" text NOT NULL,
	"slack_ts" text,
	"x_dm_event_id" text,
	"x_dm_conversation_id" text,
	"x_post_id" text,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"sending_started_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "welcomes_status_check" CHECK ("welcomes"."status" in ('pending', 'approved', 'sending', 'sent', 'failed', 'skipped', 'expired')),
	CONSTRAINT "welcomes_channel_check" CHECK ("welcomes"."channel" is null or "welcomes"."channel" in ('dm', 'mention')),
	CONSTRAINT "welcomes_decided_check" CHECK ("welcomes"."status" in ('pending', 'expired') or "welcomes"."decided_by" is not null)
);
--> statement-breakpoint
CREATE TABLE "x_accounts" (
	"id" serial PRIMARY KEY NOT NULL,
	"x_user_id" text NOT NULL,
	"handle" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"kind" text DEFAULT 'business' NOT NULL,
	"dm_policy" text DEFAULT 'engaged-only' NOT NULL,
	"send_mode" text DEFAULT 'api' NOT NULL,
	"own_domains" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"topics" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"rule_overrides" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"slack_channel_id" text NOT NULL,
	"baseline_taken_at" timestamp with time zone,
	"baseline_cursor" text,
	"last_polled_at" timestamp with time zone,
	"last_poll_new_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "x_accounts_kind_check" CHECK ("x_accounts"."kind" in ('business', 'personal')),
	CONSTRAINT "x_accounts_dm_policy_check" CHECK ("x_accounts"."dm_policy" in ('engaged-only', 'approved', 'off')),
	CONSTRAINT "x_accounts_send_mode_check" CHECK ("x_accounts"."send_mode" in ('api', 'manual'))
);
--> statement-breakpoint
ALTER TABLE "audit_runs" ADD CONSTRAINT "audit_runs_account_id_x_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."x_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_runs" ADD CONSTRAINT "audit_runs_welcome_id_welcomes_id_fk" FOREIGN KEY ("welcome_id") REFERENCES "public"."welcomes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "followers" ADD CONSTRAINT "followers_account_id_x_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."x_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "welcome_events" ADD CONSTRAINT "welcome_events_welcome_id_welcomes_id_fk" FOREIGN KEY ("welcome_id") REFERENCES "public"."welcomes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "welcomes" ADD CONSTRAINT "welcomes_account_id_x_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."x_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "welcomes" ADD CONSTRAINT "welcomes_follower_id_followers_id_fk" FOREIGN KEY ("follower_id") REFERENCES "public"."followers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_runs_at_idx" ON "audit_runs" USING btree ("at");--> statement-breakpoint
CREATE UNIQUE INDEX "followers_account_x_user_key" ON "followers" USING btree ("account_id","x_user_id");--> statement-breakpoint
CREATE INDEX "welcome_events_welcome_idx" ON "welcome_events" USING btree ("welcome_id");--> statement-breakpoint
CREATE UNIQUE INDEX "welcomes_follower_key" ON "welcomes" USING btree ("follower_id");--> statement-breakpoint
CREATE INDEX "welcomes_account_status_idx" ON "welcomes" USING btree ("account_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "x_accounts_x_user_id_key" ON "x_accounts" USING btree ("x_user_id");