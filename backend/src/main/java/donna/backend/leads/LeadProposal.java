package donna.backend.leads;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A sender the model judged a lead, proposed to the person: nothing is stored until they accept it. The fields
 * came from a mail and the model: data, shown as text.
 *
 * @param messageId the newest inbox mail from this sender (Gmail id), the one the model read
 * @param threadId  its Gmail thread, stored with the lead when accepted
 */
public record LeadProposal(String name, String email, String company, String category, String reason,
        @JsonProperty("message_id") String messageId, @JsonProperty("thread_id") String threadId,
        String subject) {}
