-- command_type names a client command the same way on both channels: by its name (DepositMoney), where the
-- command topic's rows used to keep the record's Avro full name (io.ledgerline.contracts.command.DepositMoney),
-- and any other record's full name. The service still reads the old names (CommandType.fromStored), so an instance
-- of the previous version writing beside this one during a rolling upgrade is understood too.
UPDATE command_status
SET command_type = substring(command_type FROM length('io.ledgerline.contracts.command.') + 1)
WHERE command_type IN ('io.ledgerline.contracts.command.OpenAccount',
                       'io.ledgerline.contracts.command.DepositMoney',
                       'io.ledgerline.contracts.command.WithdrawMoney',
                       'io.ledgerline.contracts.command.RequestTransfer');
UPDATE command_status
SET command_type = NULL
WHERE command_type LIKE '%.%';
