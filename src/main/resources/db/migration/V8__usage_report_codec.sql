-- Usage reports stored smaller (usage/StoredReportCodec): codec 1 deflates the payload with a preset dictionary of RUM
-- words and keeps the signature deflated too (it repeats the payload's device and tag). Reports stored before keep codec 0
-- (payload deflated alone, signature as text) and are read as they are.
alter table usage_report add column codec smallint default 0 not null;
alter table usage_report add column signature_deflated varbinary(65536);
alter table usage_report alter column signature_json drop not null;
