package donna.app.voice;

import donna.app.common.TaskExecutor;
import donna.app.connection.BackendConnection;
import donna.core.chat.Profile;
import donna.core.voice.RealtimeTransportFactory;
import donna.core.voice.TokenSource;
import donna.core.voice.VoiceMeter;
import donna.core.voice.VoiceScheduler;
import donna.core.voice.VoiceSession;
import donna.core.voice.VoiceSessionListener;
import java.net.URI;
import java.util.function.Supplier;

/**
 * Voice sessions over the companion service: it mints the client secrets, keeps the transcripts (in the chat the
 * user has open, with the profile chosen there) and runs the tools the model calls ({@code POST /api/tools/call}). Blocking work goes through the app's {@link TaskExecutor}.
 */
public final class BackendVoiceSessions implements VoiceSessions {
    private final BackendConnection connection;
    private final Supplier<URI> realtimeBase;
    private final RealtimeTransportFactory transports;
    private final VoiceScheduler scheduler;
    private final TaskExecutor tasks;
    private final Supplier<Profile> profile;

    /**
     * @param realtimeBase the OPENAI_BASE_URL the service mints at (transports connect there); asked off the UI
     *                     thread at each connection
     * @param profile      read off the UI thread: back it with something thread-safe
     */
    public BackendVoiceSessions(BackendConnection connection, Supplier<URI> realtimeBase,
            RealtimeTransportFactory transports,
            VoiceScheduler scheduler, TaskExecutor tasks, Supplier<Profile> profile) {
        this.connection = connection;
        this.realtimeBase = realtimeBase;
        this.transports = transports;
        this.scheduler = scheduler;
        this.tasks = tasks;
        this.profile = profile;
    }

    @Override
    public VoiceSession create(VoiceSessionListener listener) {
        return VoiceSession.builder().baseUrl(realtimeBase)
                // Spares for a reconnect continue the metered session; heartbeats and the end tell the service how
                // long it lasted (it never sees the session: issue 15's voice budget).
                .tokens(TokenSource.continuing(session -> connection.client().realtimeToken(profile.get(), session)))
                .meter(new VoiceMeter() {
                    @Override
                    public void heartbeat(String sessionId) {
                        connection.client().voiceHeartbeat(sessionId);
                    }

                    @Override
                    public void end(String sessionId) {
                        connection.client().endVoiceSession(sessionId);
                    }
                })
                // The voice events log (docs/voice.md): timings, counts, names and codes, batched on the tasks' threads.
                .events(events -> connection.client().reportVoiceEvents(events))
                .store((chatId, messages) -> connection.client().appendMessages(chatId, profile.get(), messages))
                // Tools run with the chat the transcripts go into (the session passes it with each call). A spoken
                // yes comes back as send_confirmed: the Voice pane's cards put it in this app's outbox, as the
                // chat's do, so it goes out offline too and exactly once (client_outbox).
                // GPT-Live's delegated turns run as typed turns with the same tools and confirmation rule.
                .tools(new LiveDelegationRunner(new BackendToolRunner(connection::client, true), connection::client,
                        profile))
                .transports(transports).scheduler(scheduler).io(tasks::run).listener(listener).build();
    }
}
