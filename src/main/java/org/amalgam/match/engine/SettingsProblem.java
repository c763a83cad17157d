package org.amalgam.match.engine;

/**
 * What is wrong with one place of a {@code match} section.
 *
 * @param path where, as a JSON pointer from the model document's root, e.g. {@code /match/comparisons/2/levels/1}
 * @param message what is wrong and what to write instead
 */
public record SettingsProblem(String path, String message) {

    /**
     * The place as a field name in the style of the model validator's errors: {@code /match/comparisons/2/levels/1}
     * becomes {@code match.comparisons[2].levels[1]}.
     */
    public String field() {
        StringBuilder field = new StringBuilder();
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            String name = segment.replace("~1", "/").replace("~0", "~");
            if (!name.isEmpty() && name.chars().allMatch(Character::isDigit) && !field.isEmpty()) {
                field.append('[').append(name).append(']');
            } else {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(name);
            }
        }
        return field.toString();
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
