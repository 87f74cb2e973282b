package io.midcoast.embedded.faults;

/**
 * One message of a generated feed, to produce as it is.
 *
 * @param topic the feed topic ({@code feeds.reso.property}, {@code feeds.county.sale} or {@code
 *     feeds.lead.event})
 * @param key the message key, or null (an unkeyed feed)
 * @param value the UTF-8 text of the message (empty for an empty record)
 */
public record FeedMessage(String topic, String key, String value) {}
