CREATE TABLE "x_oauth_tokens" (
	"x_user_id" text PRIMARY KEY NOT NULL,
	"handle" text NOT NULL,
	"access_token" text NOT NULL,
	"refresh_token" text,
	"expires_at" timestamp with time zone NOT NULL,
	"scope" text NOT NULL,
	"refreshed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "x_accounts" ADD COLUMN "x_auth" text DEFAULT 'env' NOT NULL;--> statement-breakpoint
ALTER TABLE "x_accounts" ADD COLUMN "removed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "x_accounts" ADD CONSTRAINT "x_accounts_x_auth_check" CHECK ("x_accounts"."x_auth" in ('env', 'oauth1', 'oauth2'));