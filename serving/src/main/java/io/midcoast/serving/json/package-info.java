/** JSON renderings of Midcoast's Avro records for the HTTP API and the WebSocket pushes. */
package io.midcoast.serving.json;
