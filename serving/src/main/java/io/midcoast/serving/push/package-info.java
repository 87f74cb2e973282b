/**
 * WebSocket pushes on {@code /ws}: the channels and the topics that feed them ({@link
 * io.midcoast.serving.push.PushChannels}), the per-instance tail of those topics ({@link
 * io.midcoast.serving.push.TopicTail}), the subscription hub and the socket endpoint.
 */
package io.midcoast.serving.push;
