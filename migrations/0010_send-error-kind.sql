ALTER TABLE "welcomes" ADD COLUMN "error_kind" text;--> statement-breakpoint
ALTER TABLE "welcomes" ADD COLUMN "error_detail" text;--> statement-breakpoint
ALTER TABLE "welcomes" ADD CONSTRAINT "welcomes_error_kind_check" CHECK ("welcomes"."error_kind" is null or "welcomes"."error_kind" in ('rate-limited', 'dm-refused', 'forbidden', 'not-found', 'unauthorized', 'server', 'network', 'invalid', 'gave-up', 'legacy'));--> statement-breakpoint
-- A failure written before kinds were stored was a sentence in the desk's language: kept word for word as the detail of a `legacy` kind (the sentence column goes in the next migration).
UPDATE "welcomes" SET "error_kind" = 'legacy', "error_detail" = "error" WHERE "error" IS NOT NULL;