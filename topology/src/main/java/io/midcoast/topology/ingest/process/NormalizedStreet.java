package io.midcoast.topology.ingest.process;

/**
 * A street address in USPS form, every part upper case.
 *
 * @param number house number, e.g. {@code "123"} or {@code "123 1/2"}; null if none
 * @param street street with directionals and suffix, e.g. {@code "N MAIN ST"}; null if none
 * @param unit unit with canonical designator, e.g. {@code "APT 4"}; null if none
 * @param unitId the unit's identifier without its designator, e.g. {@code "4"} for {@code "APT 4"}
 *     and {@code "UNIT 4"}; null if none. Feeds disagree on designators, so the propertyId uses
 *     this.
 * @param line the single line, e.g. {@code "123 N MAIN ST APT 4"}; null if empty
 */
public record NormalizedStreet(
    String number, String street, String unit, String unitId, String line) {

  /** Whether the address names a house: a house number and a street. */
  public boolean isComplete() {
    return number != null && street != null;
  }
}
