package donna.backend.insights;

import com.fasterxml.jackson.databind.ObjectMapper;
import donna.backend.chat.ChatMirror;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DONNA's typed turns and voice transcripts, written into Insights by the service itself (sources
 * {@code donna-chat} and {@code donna-voice}; external id {@code chat:<chat id>} or {@code voice:<chat id>}); a voice
 * transcript with the barge-ins and reconnects around it ({@link VoiceMoments}). A failure here is logged and
 * swallowed: the person's chat already succeeded.
 */
final class DonnaChatMirror implements ChatMirror {
    private static final Logger log = LoggerFactory.getLogger(DonnaChatMirror.class);

    private final Ingestion ingestion;
    private final ObjectMapper mapper;
    private final VoiceMoments voiceMoments;

    DonnaChatMirror(Ingestion ingestion, ObjectMapper mapper, VoiceMoments voiceMoments) {
        this.ingestion = ingestion;
        this.mapper = mapper;
        this.voiceMoments = voiceMoments;
    }

    @Override
    public void mirror(UUID owner, String chatId, boolean voice, List<Message> messages) {
        try {
            List<Incoming> incoming = new ArrayList<>(messages.stream().map(m -> new Incoming(m.role(), m.content(),
                    m.at(), mapper.valueToTree(m.metadata()))).toList());
            if (voice) {
                // Barge-ins and reconnects live in the voice events log, not in the transcript.
                incoming.addAll(voiceMoments.around(owner, messages.stream().map(Message::at).toList()));
            }
            ingestion.ingest(owner, voice ? Ingestion.Source.DONNA_VOICE : Ingestion.Source.DONNA_CHAT,
                    (voice ? "voice:" : "chat:") + chatId, incoming, null, false);
        } catch (RuntimeException e) {
            log.warn("Could not mirror a {} turn into Insights: {}", voice ? "voice" : "chat",
                    e.getClass().getSimpleName());
        }
    }
}
