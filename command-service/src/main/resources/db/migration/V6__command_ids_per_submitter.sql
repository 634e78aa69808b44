-- Command ids are scoped per submitter: each Kafka producer ('#kafka:<producer>') has its own, so a producer
-- that sends another's command id first no longer suppresses that command or receives its result. HTTP command
-- ids are random UUIDs chosen by the service. Rows of the old shared command topic keep their '#kafka' submitter.
ALTER TABLE command_status DROP CONSTRAINT command_status_pkey;
ALTER TABLE command_status ADD PRIMARY KEY (submitter, command_id);
CREATE INDEX command_status_id ON command_status (command_id);
