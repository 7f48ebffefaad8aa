CREATE TABLE "digest_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"period_key" text NOT NULL,
	"period_start" timestamp with time zone NOT NULL,
	"period_end" timestamp with time zone NOT NULL,
	"slack_channel_id" text NOT NULL,
	"slack_ts" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dm_watches" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"follower_id" integer NOT NULL,
	"purpose" text NOT NULL,
	"anchor_at" timestamp with time zone NOT NULL,
	"checks_done" integer DEFAULT 0 NOT NULL,
	"last_checked_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	CONSTRAINT "dm_watches_purpose_check" CHECK ("dm_watches"."purpose" in ('reply', 'first'))
);
--> statement-breakpoint
CREATE TABLE "engagements" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"follower_id" integer NOT NULL,
	"welcome_id" integer,
	"kind" text NOT NULL,
	"via" text NOT NULL,
	"x_id" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"seconds_to_engage" integer,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "engagements_kind_check" CHECK ("engagements"."kind" in ('first', 'reply')),
	CONSTRAINT "engagements_via_check" CHECK ("engagements"."via" in ('dm', 'mention', 'reply'))
);
--> statement-breakpoint
CREATE TABLE "follow_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"follower_id" integer NOT NULL,
	"change" text NOT NULL,
	"seen_at" timestamp with time zone NOT NULL,
	CONSTRAINT "follow_changes_change_check" CHECK ("follow_changes"."change" in ('unfollowed', 'refollowed'))
);
--> statement-breakpoint
CREATE TABLE "follower_checks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"follower_id" integer NOT NULL,
	"cohort" text NOT NULL,
	"offset_days" integer NOT NULL,
	"anchor_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"checked_at" timestamp with time zone,
	"following" boolean,
	"found" boolean,
	"connection_status" jsonb,
	CONSTRAINT "follower_checks_cohort_check" CHECK ("follower_checks"."cohort" in ('welcomed', 'control')),
	CONSTRAINT "follower_checks_offset_check" CHECK ("follower_checks"."offset_days" in (1, 7, 30))
);
--> statement-breakpoint
CREATE TABLE "tracking_cursors" (
	"account_id" integer PRIMARY KEY NOT NULL,
	"mentions_since_id" text,
	"mentions_read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "x_api_usage" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"x_user_id" text NOT NULL,
	"day" date NOT NULL,
	"category" text NOT NULL,
	"calls" integer DEFAULT 0 NOT NULL,
	"units" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "x_prices" (
	"category" text PRIMARY KEY NOT NULL,
	"unit" text NOT NULL,
	"usd_per_unit" double precision NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "digest_runs" ADD CONSTRAINT "digest_runs_account_id_x_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."x_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dm_watches" ADD CONSTRAINT "dm_watches_account_id_x_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."x_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dm_watches" ADD CONSTRAINT "dm_watches_follower_id_followers_id_fk" FOREIGN KEY ("follower_id") REFERENCES "public"."followers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_account_id_x_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."x_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_follower_id_followers_id_fk" FOREIGN KEY ("follower_id") REFERENCES "public"."followers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "engagements" ADD CONSTRAINT "engagements_welcome_id_welcomes_id_fk" FOREIGN KEY ("welcome_id") REFERENCES "public"."welcomes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_changes" ADD CONSTRAINT "follow_changes_account_id_x_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."x_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_changes" ADD CONSTRAINT "follow_changes_follower_id_followers_id_fk" FOREIGN KEY ("follower_id") REFERENCES "public"."followers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follower_checks" ADD CONSTRAINT "follower_checks_account_id_x_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."x_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follower_checks" ADD CONSTRAINT "follower_checks_follower_id_followers_id_fk" FOREIGN KEY ("follower_id") REFERENCES "public"."followers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracking_cursors" ADD CONSTRAINT "tracking_cursors_account_id_x_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."x_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "digest_runs_account_period_key" ON "digest_runs" USING btree ("account_id","period_key");--> statement-breakpoint
CREATE UNIQUE INDEX "dm_watches_follower_purpose_key" ON "dm_watches" USING btree ("follower_id","purpose");--> statement-breakpoint
CREATE UNIQUE INDEX "engagements_follower_kind_key" ON "engagements" USING btree ("follower_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "engagements_account_x_id_key" ON "engagements" USING btree ("account_id","x_id");--> statement-breakpoint
CREATE INDEX "engagements_at_idx" ON "engagements" USING btree ("at");--> statement-breakpoint
CREATE INDEX "follow_changes_seen_idx" ON "follow_changes" USING btree ("seen_at");--> statement-breakpoint
CREATE UNIQUE INDEX "follower_checks_follower_offset_key" ON "follower_checks" USING btree ("follower_id","offset_days");--> statement-breakpoint
CREATE INDEX "follower_checks_due_idx" ON "follower_checks" USING btree ("due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "x_api_usage_account_day_category_key" ON "x_api_usage" USING btree ("x_user_id","day","category");
