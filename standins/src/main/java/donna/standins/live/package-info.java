/**
 * A loopback fake of OpenAI's GPT-Live, built from its public documentation: {@code POST /v1/live/sessions} (a
 * project key, a strict session config, a WebRTC offer in and an answer out), and the data channel's Live events
 * (session.started, transcript deltas, client delegation and its commentary results), with the fake's tone as voice.
 */
package donna.standins.live;
