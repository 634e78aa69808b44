-- Transfers are settled by a process without state of its own (TransferProcess): every step follows from one
-- event, which carries what the step needs. The saga store and the saga processor's tokens are no longer read.
-- The new processor starts from the beginning of the store and repeats the steps of earlier transfers, each
-- decided once already (account_operation) and so repeated unchanged.
DROP TABLE AssociationValueEntry;
DROP TABLE SagaEntry;
DELETE FROM TokenEntry WHERE processorName = 'TransferSagaProcessor';
