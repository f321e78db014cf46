package donna.standins.openai;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestDemoDrafter {

    @Test
    void a_drafting_prompt_gets_a_reply_from_the_persons_instructions() {
        String prompt = "The email to answer:\nFrom: Ann Lee <ann@example.com>\nSubject: Lunch on Thursday?\n\n"
                + "Hi! Are you free for lunch on Thursday at 12:30?\n\nThe user's instructions for this reply: "
                + "saying Thursday works";
        assertThat(DemoDrafter.draft(prompt)).hasValue("Hi Ann,\n\nThursday works.\n\nBest regards");
        assertThat(DemoDrafter.draft(prompt.replace("saying Thursday works", "Say: Thursday works")))
                .hasValue("Hi Ann,\n\nThursday works.\n\nBest regards");
    }

    @Test
    void without_instructions_or_a_name_it_stays_plain_and_anything_else_is_not_its_business() {
        assertThat(DemoDrafter.draft("The email to answer:\nFrom: no-reply@shop.example.com\nSubject: x\n\nbody"))
                .hasValue("Hi,\n\nThanks for your note; I'll get back to you shortly.\n\nBest regards");
        assertThat(DemoDrafter.draft("Hello there")).isEmpty();
    }
}
