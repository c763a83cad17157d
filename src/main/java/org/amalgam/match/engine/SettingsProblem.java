package org.amalgam.match.engine;

/**
 * What is wrong with one place of a {@code match} section.
 *
 * @param path where, as a JSON pointer from the model document's root, e.g. {@code /match/comparisons/2/levels/1}
 * @param message what is wrong and what to write instead
 */
public record SettingsProblem(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
