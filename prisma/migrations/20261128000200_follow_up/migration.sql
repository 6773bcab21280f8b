-- The per-term follow-up (uppföljning).
--
-- decisions.follow_up_schedule: what the decision says about follow-up ("en gång per termin om
--   inget annat anges i beslutet"): {"kind":"every_term"} (the default), {"kind":"end_of_period"}
--   or {"kind":"date","date":"YYYY-MM-DD"}. Stored with the decision, which is never rewritten.
-- follow_ups.details: the rest of a filed follow-up (each measure's outcome, the continued-need
--   answer, hours and amount before and after, attachments by reference).
-- follow_ups are immutable once filed, like application versions: UPDATE and TRUNCATE raise,
--   DELETE only inside a retention run (SELECT set_config('tillaggsbot.retention', 'on', true)).

ALTER TABLE "decisions" ADD COLUMN "follow_up_schedule" JSONB NOT NULL DEFAULT '{"kind": "every_term"}';

ALTER TABLE "follow_ups" ADD COLUMN "details" JSONB NOT NULL DEFAULT '{}';

CREATE FUNCTION "protect_follow_up"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('tillaggsbot.retention', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'follow_ups are immutable once filed: % is not allowed', TG_OP
    USING ERRCODE = 'restrict_violation',
          HINT = 'A filed follow-up is kept as it was; only a retention run may delete.';
END;
$$;

CREATE TRIGGER "follow_ups_immutable"
  BEFORE UPDATE OR DELETE ON "follow_ups"
  FOR EACH ROW EXECUTE FUNCTION "protect_follow_up"();

CREATE TRIGGER "follow_ups_no_truncate"
  BEFORE TRUNCATE ON "follow_ups"
  FOR EACH STATEMENT EXECUTE FUNCTION "protect_follow_up"();
