package donna.app.sales;

import donna.core.leads.LeadProposal;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

/** A proposed lead with the person's choice (ticked: add it). Hot and warm ones start ticked. */
public final class ProposalRow {
    private final LeadProposal proposal;
    private final BooleanProperty chosen;

    ProposalRow(LeadProposal proposal) {
        this.proposal = proposal;
        this.chosen = new SimpleBooleanProperty(!"cold".equals(proposal.category()));
    }

    public LeadProposal proposal() {
        return proposal;
    }

    public BooleanProperty chosenProperty() {
        return chosen;
    }

    /** "Sam Reed, Northwind <sam@...> · hot: asks for a quote (“Pricing for 25 seats”)" */
    public String text() {
        LeadProposal p = proposal;
        StringBuilder s = new StringBuilder(p.name() == null ? p.email() : p.name());
        if (p.company() != null) {
            s.append(", ").append(p.company());
        }
        s.append(" <").append(p.email()).append("> \u00b7 ").append(p.category());
        if (p.reason() != null) {
            s.append(": ").append(p.reason());
        }
        return s.toString();
    }
}
