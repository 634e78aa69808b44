-- A transfer's debit and credit are decided once: a refusal is recorded like an applied step (without a
-- version or balance), so a saga step handled again after a crash repeats the same decision instead of
-- deciding anew against a balance that has changed meanwhile.
ALTER TABLE account_operation ADD COLUMN refusal VARCHAR(64);
ALTER TABLE account_operation ALTER COLUMN version DROP NOT NULL;
ALTER TABLE account_operation ALTER COLUMN balance_after DROP NOT NULL;
