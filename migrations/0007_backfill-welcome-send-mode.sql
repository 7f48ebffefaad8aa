-- Welcomes approved before the send mode was kept on them leave the way their account sent at the time.
UPDATE "welcomes" SET "send_mode" = "x_accounts"."send_mode" FROM "x_accounts" WHERE "x_accounts"."id" = "welcomes"."account_id" AND "welcomes"."status" IN ('approved', 'sending', 'sent', 'failed') AND "welcomes"."send_mode" IS NULL;
