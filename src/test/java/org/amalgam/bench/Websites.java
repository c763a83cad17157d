package org.amalgam.bench;

/** Web addresses, kept as {@code www.<host>} and written with or without scheme, www and trailing slash. */
final class Websites {

    static final int STYLES = 6;

    private Websites() {}

    static void append(StringBuilder out, String website, int style) {
        String host = website.startsWith("www.") ? website.substring(4) : website;
        switch (style) {
            case 0 -> out.append("https://www.").append(host);
            case 1 -> out.append("www.").append(host);
            case 2 -> out.append("http://www.").append(host).append('/');
            case 3 -> out.append(host);
            case 4 -> out.append("https://").append(host).append('/');
            case 5 -> out.append("http://").append(host);
            default -> throw new IllegalArgumentException("website style " + style);
        }
    }
}
