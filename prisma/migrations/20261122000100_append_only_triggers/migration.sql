-- Records the law asks us to keep as they were: the audit trail and every submitted version of
-- an application. Enforced in the database, so no code path (a repository bug, a console
-- session, a future admin tool) can rewrite history.
--
-- audit_log: INSERT only. UPDATE, DELETE and TRUNCATE raise.
-- application_versions: INSERT only; UPDATE always raises. DELETE raises unless the
--   transaction has declared itself a retention run with
--     SELECT set_config('tillaggsbot.retention', 'on', true);
--   (transaction-local, so it cannot leak into later work on a pooled connection). Retention
--   must be able to erase a whole case when the profile's retention period ends (GDPR storage
--   limitation); everything else must not. The retention run is itself audited.

CREATE FUNCTION "forbid_audit_log_change"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER "audit_log_no_update_delete"
  BEFORE UPDATE OR DELETE ON "audit_log"
  FOR EACH ROW EXECUTE FUNCTION "forbid_audit_log_change"();

CREATE TRIGGER "audit_log_no_truncate"
  BEFORE TRUNCATE ON "audit_log"
  FOR EACH STATEMENT EXECUTE FUNCTION "forbid_audit_log_change"();

CREATE FUNCTION "protect_application_version"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' AND current_setting('tillaggsbot.retention', true) = 'on' THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'application_versions are immutable: % is not allowed', TG_OP
    USING ERRCODE = 'restrict_violation',
          HINT = 'Submit a new version instead; only a retention run may delete.';
END;
$$;

CREATE TRIGGER "application_versions_immutable"
  BEFORE UPDATE OR DELETE ON "application_versions"
  FOR EACH ROW EXECUTE FUNCTION "protect_application_version"();

CREATE TRIGGER "application_versions_no_truncate"
  BEFORE TRUNCATE ON "application_versions"
  FOR EACH STATEMENT EXECUTE FUNCTION "protect_application_version"();
