CREATE TABLE "template_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"template_id" integer NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"type" text NOT NULL,
	"actor" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "template_events_type_check" CHECK ("template_events"."type" in ('seeded', 'created', 'edited', 'duplicated', 'paused', 'resumed', 'promoted', 'retired', 'imported'))
);
--> statement-breakpoint
CREATE TABLE "templates" (
	"id" serial PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"key" text NOT NULL,
	"version" integer NOT NULL,
	"lang" text NOT NULL,
	"channel" text NOT NULL,
	"body" text NOT NULL,
	"state" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"source" text NOT NULL,
	CONSTRAINT "templates_lang_check" CHECK ("templates"."lang" in ('fr', 'en')),
	CONSTRAINT "templates_channel_check" CHECK ("templates"."channel" in ('dm', 'mention')),
	CONSTRAINT "templates_state_check" CHECK ("templates"."state" in ('live', 'paused', 'retired', 'superseded')),
	CONSTRAINT "templates_source_check" CHECK ("templates"."source" in ('built-in', 'slack', 'cli')),
	CONSTRAINT "templates_version_check" CHECK ("templates"."version" >= 1)
);
--> statement-breakpoint
ALTER TABLE "welcomes" ADD COLUMN "template_version" integer;--> statement-breakpoint
ALTER TABLE "welcomes" ADD COLUMN "draft_source" text;--> statement-breakpoint
ALTER TABLE "welcomes" ADD COLUMN "draft_model" text;--> statement-breakpoint
ALTER TABLE "x_accounts" ADD COLUMN "voice_address" text DEFAULT 'vous' NOT NULL;--> statement-breakpoint
ALTER TABLE "x_accounts" ADD COLUMN "sign_off" text;--> statement-breakpoint
ALTER TABLE "template_events" ADD CONSTRAINT "template_events_account_id_x_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."x_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "template_events" ADD CONSTRAINT "template_events_template_id_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "templates" ADD CONSTRAINT "templates_account_id_x_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."x_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "template_events_account_key_idx" ON "template_events" USING btree ("account_id","key");--> statement-breakpoint
CREATE UNIQUE INDEX "templates_account_key_version_key" ON "templates" USING btree ("account_id","key","version");--> statement-breakpoint
CREATE INDEX "templates_account_lang_channel_idx" ON "templates" USING btree ("account_id","lang","channel");--> statement-breakpoint
ALTER TABLE "welcomes" ADD CONSTRAINT "welcomes_draft_source_check" CHECK ("welcomes"."draft_source" is null or "welcomes"."draft_source" in ('template', 'model'));--> statement-breakpoint
ALTER TABLE "x_accounts" ADD CONSTRAINT "x_accounts_voice_address_check" CHECK ("x_accounts"."voice_address" in ('vous', 'tu'));--> statement-breakpoint
-- Welcomes drafted before templates had versions came from the built-in templates, seeded as version 1 of the same keys.
UPDATE "welcomes" SET "template_version" = 1, "draft_source" = 'template' WHERE "template_id" IS NOT NULL AND "template_version" IS NULL;
