package io.ledgerline.contracts;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ISO-4217 currencies the ledger accepts, pinned here rather than taken from the JDK (whose list
 * changes between releases and includes withdrawn codes and units without minor units such as XAU or XXX).
 * Active codes of ISO 4217 list one, with their number of minor units.
 */
public final class Currencies {

    private static final String ZERO_DECIMALS = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF";
    private static final String THREE_DECIMALS = "BHD IQD JOD KWD LYD OMR TND";
    private static final String FOUR_DECIMALS = "CLF UYW";
    private static final String TWO_DECIMALS = "AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD "
            + "BTN BWP BYN BZD CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP "
            + "GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL "
            + "MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR "
            + "PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD "
            + "TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG";

    private static final Map<String, Integer> MINOR_UNITS;

    static {
        Map<String, Integer> units = new TreeMap<>();
        put(units, ZERO_DECIMALS, 0);
        put(units, TWO_DECIMALS, 2);
        put(units, THREE_DECIMALS, 3);
        put(units, FOUR_DECIMALS, 4);
        MINOR_UNITS = Collections.unmodifiableMap(units);
    }

    private Currencies() {
    }

    private static void put(Map<String, Integer> units, String codes, int digits) {
        for (String code : codes.split(" ")) {
            if (units.put(code, digits) != null) {
                throw new IllegalStateException("currency listed twice: " + code);
            }
        }
    }

    public static boolean isSupported(String code) {
        return code != null && MINOR_UNITS.containsKey(code);
    }

    /** Number of minor units (decimal places) of a supported currency. */
    public static int minorUnits(String code) {
        Integer digits = MINOR_UNITS.get(code);
        if (digits == null) {
            throw new IllegalArgumentException("unsupported currency: " + code);
        }
        return digits;
    }

    public static Set<String> codes() {
        return MINOR_UNITS.keySet();
    }
}
