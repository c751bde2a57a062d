-- A device's latest reports (the tags it uses now, counts changed since its last ACK) are read by device and arrival;
-- without this index every report the device ever sent was scanned, on each device page and deadline computation.
create index ix_usage_report_device_received on usage_report (device_id, received_at);
