package io.ledgerline.query.account;

import io.ledgerline.query.projection.AggregateFold;
import io.ledgerline.query.support.InMemoryDocuments;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The account store contract without MongoDB: same guard, statement lines first, so the logic is tested alone. */
final class InMemoryAccountStore extends InMemoryDocuments<AccountView> {

    private final Map<String, StatementRow> rows = new HashMap<>();
    int rowWrites;

    InMemoryAccountStore() {
        super(AccountView::accountId, AccountView::version);
    }

    Optional<AccountView> find(String accountId) {
        return Optional.ofNullable(get(accountId));
    }

    @Override
    public Set<String> writeAll(List<AggregateFold<AccountView>> folds) {
        folds.stream().flatMap(fold -> fold.applied().stream()).map(AccountEvolution::statementRow)
                .flatMap(Optional::stream).forEach(this::addStatementRow);
        return super.writeAll(folds);
    }

    /** Adds a statement line; adding the same line again changes nothing. */
    void addStatementRow(StatementRow row) {
        rowWrites++;
        rows.putIfAbsent(row.id(), row);
    }

    List<StatementRow> statement(String accountId) {
        List<StatementRow> lines = new ArrayList<>(rows.values().stream()
                .filter(row -> row.accountId().equals(accountId)).toList());
        lines.sort(Comparator.comparingLong(StatementRow::version).reversed());
        return lines;
    }
}
