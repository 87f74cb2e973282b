/**
 * The HTTP API: the route table ({@link io.midcoast.serving.http.HttpApi}, every path in one
 * place), thin controllers per resource, and the central mapping of every error to {@code
 * application/problem+json} ({@link io.midcoast.serving.http.Problem}).
 */
package io.midcoast.serving.http;
