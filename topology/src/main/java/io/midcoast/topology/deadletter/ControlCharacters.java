package io.midcoast.topology.deadletter;

/**
 * The text rule behind {@link RejectReason#CONTROL_CHARACTER}, shared by the ingest's validate
 * stage and the lead parse stage: a text a feed record keeps may hold tab, line feed and carriage
 * return, and no other control character (U+0000..U+001F, U+007F). Postgres text cannot hold U+0000
 * at all, so one such character stops every sink that writes the text.
 */
public final class ControlCharacters {

  private ControlCharacters() {}

  /** The index of the first control character other than tab, LF, CR in {@code text}, or -1. */
  public static int indexIn(final CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      final char c = text.charAt(i);
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
        return i;
      }
    }
    return -1;
  }

  /** "U+0000 at index 4": the detail of a dead letter. */
  public static String describe(final CharSequence text, final int index) {
    return String.format("U+%04X at index %d", (int) text.charAt(index), index);
  }
}
