/** A fake OpenAI Realtime API: client secrets, the conversation brain, WebSocket and WebRTC (calls) admission, faults. */
package donna.standins.realtime;
