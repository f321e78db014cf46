package donna.app.voice;

import static org.assertj.core.api.Assertions.assertThat;

import donna.app.bundled.BundledService;
import donna.app.bundled.BundledServiceLauncher;
import donna.app.bundled.DemoGmailLink;
import donna.app.connection.ServiceEndpoint;
import donna.backend.config.BackendConfig;
import donna.core.api.BackendClient;
import donna.core.chat.Profile;
import donna.core.mail.OutgoingMail;
import donna.core.mail.SendResult;
import donna.core.tools.Confirmation;
import donna.core.tools.Draft;
import donna.core.tools.PendingAction;
import donna.core.tools.TurnAction;
import donna.core.voice.ExecutorVoiceScheduler;
import donna.core.voice.ToolAction;
import donna.core.voice.VoiceSession;
import donna.core.voice.VoiceSessionListener;
import donna.core.voice.VoiceState;
import donna.core.voice.websocket.WebSocketTransport;
import donna.standins.google.FakeGoogle;
import donna.standins.openai.FakeOpenAi;
import donna.standins.realtime.FakeRealtime;
import donna.standins.realtime.FakeRealtimeConversation;
import donna.standins.realtime.WavVoiceAudio;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * DONNA acts on a spoken turn through every real part but the speech itself: the bundled service mints the
 * session with the registry's tools, the fake Realtime model calls {@code draft_reply} when the push-to-talk turn
 * ends, the session runs it through {@code POST /api/tools/call} (the app's {@link BackendToolRunner}), answers
 * on the socket and asks DONNA to speak; the draft reaches the Voice pane as the same card a typed turn makes. It
 * goes out only on the person's click, exactly once.
 */
class SpokenToolsEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final FakeOpenAi openAi = FakeOpenAi.start();
    private final FakeRealtime realtime = openAi.realtime();
    private final FakeGoogle google = FakeGoogle.start().seedDemoInbox();
    private final WavVoiceAudio audio = WavVoiceAudio.tone();
    private final OkHttpClient http = new OkHttpClient();
    private final List<ToolAction> actions = new CopyOnWriteArrayList<>();
    private final List<VoiceState> states = new CopyOnWriteArrayList<>();
    private BundledServiceLauncher launcher;
    private ExecutorVoiceScheduler scheduler;
    private ExecutorService io;
    private VoiceSession session;

    @AfterEach
    void stop() {
        if (session != null) {
            session.close();
            scheduler.close();
            io.close();
        }
        if (launcher != null) {
            launcher.close();
        }
        audio.close();
        http.dispatcher().executorService().shutdown();
        google.close();
        openAi.close();
    }

    @Test
    void a_spoken_turn_drafts_a_reply_through_the_tools_and_only_the_click_sends_it_once() throws Exception {
        launcher = new BundledServiceLauncher(Files.createTempDirectory("donna-spoken-tools"),
                () -> new BackendConfig.OpenAi(Optional.of("sk-test"), openAi.baseUrl(), "gpt-test",
                        "gpt-realtime-test", Duration.ofSeconds(10)),
                () -> BackendConfig.Google.defaults().withClient(google.clientId(), google.clientSecret(),
                        google.authUrl(), google.tokenUrl(), google.rootUrl()), new BundledService());
        ServiceEndpoint endpoint = launcher.start();
        BackendClient client = BackendClient.builder(endpoint.baseUri())
                .token(() -> Optional.of(endpoint.apiSecret())).user("local").build();
        assertThat(DemoGmailLink.connect(client, google.authUrl()).connected()).isTrue();
        String ann = client.mailPage(10, null, "from:ann").messages().getFirst().id();

        realtime.callTool("draft_reply", "{\"message_id\":\"" + ann + "\",\"instructions\":\"saying Thursday works\"}")
                .answer("I drafted a reply to Ann; it's on your screen.", Duration.ofMillis(300));
        scheduler = new ExecutorVoiceScheduler();
        io = Executors.newVirtualThreadPerTaskExecutor();
        session = VoiceSession.builder().baseUrl(openAi.baseUrl()).tokens(client::realtimeToken)
                .transports(() -> new WebSocketTransport(http, audio))
                .store((chatId, messages) -> client.appendMessages(chatId, Profile.GENERAL, messages))
                .tools(new BackendToolRunner(() -> client, true))
                .scheduler(scheduler).io(io).listener(new Listener()).build();
        session.connect();
        Awaits.until(WAIT, "connected", () -> states.contains(VoiceState.READY));
        FakeRealtimeConversation brain = realtime.awaitConversation(1, WAIT);
        assertThat(brain.session().path("tools").findValuesAsText("name"))
                .as("the minted session offers the registry's tools").contains("draft_reply", "send_draft");

        audio.talking(true);
        session.press();
        brain.awaitVoice(400, WAIT);
        audio.talking(false);
        session.release();

        Awaits.until(WAIT, "the draft reached the pane", () -> actions.stream()
                .anyMatch(a -> "draft_ready".equals(a.type())));
        Awaits.until(WAIT, "DONNA spoke the result", () -> brain.toolCalls().getFirst().output() != null
                && brain.receivedTypes().lastIndexOf("response.create")
                        > brain.receivedTypes().indexOf("conversation.item.create"));
        assertThat(brain.toolCalls().getFirst().output()).contains("draft").doesNotContain("\"error\"");

        List<TurnAction> card = VoiceCards.turnActions(actions.stream()
                .filter(a -> "draft_ready".equals(a.type())).findFirst().orElseThrow());
        Draft draft = ((TurnAction.DraftReady) card.getFirst()).draft();
        assertThat(draft.to()).singleElement().asString().contains("ann@example.com");
        assertThat(draft.body()).contains("Thursday works");
        assertThat(google.sent()).as("a spoken draft sends nothing").isEmpty();

        // The card's Send, as the app does it: the person's click confirms, the outbox sends under the draft's id.
        PendingAction asked = client.sendDraft(draft.id());
        Confirmation yes = client.confirmAction(asked.id());
        OutgoingMail mail = new OutgoingMail(yes.mail().to(), yes.mail().cc(), List.of(), yes.mail().subject(),
                yes.mail().body(), yes.mail().replyToMessageId());
        SendResult first = client.send(mail, yes.mail().idempotencyKey());
        SendResult again = client.send(mail, yes.mail().idempotencyKey());
        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThat(google.sent()).as("exactly once").hasSize(1);
        assertThat(google.sent().getFirst().text()).contains("Thursday works");
    }

    private final class Listener implements VoiceSessionListener {
        @Override
        public void onState(VoiceState state, String detail) {
            states.add(state);
        }

        @Override
        public void onTranscript(donna.core.voice.VoiceTranscript transcript) {
        }

        @Override
        public void onNotice(String message) {
        }

        @Override
        public void onChatSession(String id) {
        }

        @Override
        public void onToolAction(ToolAction action) {
            actions.add(action);
        }
    }
}
