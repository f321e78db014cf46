/** A fake OpenAI on 127.0.0.1 (Responses API with streaming, moderations), scriptable per test, and the demo mode's assistant. */
package donna.standins.openai;
