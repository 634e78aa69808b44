package io.ledgerline.prove.workload;

import java.util.Locale;
import java.util.Random;

/** Relative weights of deposits, withdrawals and transfers, e.g. {@code deposit=30,withdraw=20,transfer=50}. */
public record Mix(int deposit, int withdraw, int transfer) {

    public static final Mix DEFAULT = new Mix(30, 20, 50);

    public Mix {
        if (deposit < 0 || withdraw < 0 || transfer < 0 || deposit + withdraw + transfer == 0) {
            throw new IllegalArgumentException("the mix needs non-negative weights that are not all zero");
        }
    }

    public static Mix parse(String text) {
        int deposit = 0;
        int withdraw = 0;
        int transfer = 0;
        for (String part : text.split(",")) {
            String[] kv = part.trim().split("=");
            if (kv.length != 2) {
                throw new IllegalArgumentException("--mix wants kind=weight pairs, e.g. deposit=30,withdraw=20,"
                        + "transfer=50; got " + text);
            }
            int weight = Integer.parseInt(kv[1].trim());
            switch (kv[0].trim().toLowerCase(Locale.ROOT)) {
                case "deposit", "deposits" -> deposit = weight;
                case "withdraw", "withdrawal", "withdrawals" -> withdraw = weight;
                case "transfer", "transfers" -> transfer = weight;
                default -> throw new IllegalArgumentException("unknown kind in --mix: " + kv[0]);
            }
        }
        return new Mix(deposit, withdraw, transfer);
    }

    public Operation.Kind pick(Random random) {
        int dice = random.nextInt(deposit + withdraw + transfer);
        if (dice < deposit) {
            return Operation.Kind.DEPOSIT;
        }
        return dice < deposit + withdraw ? Operation.Kind.WITHDRAW : Operation.Kind.TRANSFER;
    }

    @Override
    public String toString() {
        return "deposit=" + deposit + ",withdraw=" + withdraw + ",transfer=" + transfer;
    }
}
