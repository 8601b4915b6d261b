//! Storing a change to a ticket: the ticket row, the change's history and
//! the clocks recomputed from that history commit in one transaction, so
//! a crash never leaves a status without the clocks it leads to.
//!
//! The clocks are computed before the write, from the stored history and
//! the change's own events. The write names the version that history
//! belongs to, and every change that moves a clock (status, priority, a
//! public comment) also moves the version, so clocks computed from an
//! older history are refused with the change (412, or the caller's retry).

use crate::{App, AppError};
use samdrift_store::tickets::{TicketChange, TicketRecord, TicketWrite};

impl App {
    /// Writes a change with the clocks it leads to, all or nothing, and
    /// returns the ticket as stored. A touch must name the version it read
    /// (`Touch { expected_version: Some(..) }`) for its clocks to be safe.
    pub(crate) async fn write_change(
        &self,
        mut write: TicketWrite,
    ) -> Result<TicketRecord, AppError> {
        let ticket = match &write.change {
            TicketChange::Full { ticket, .. } | TicketChange::Touch { ticket, .. } => ticket,
        };
        write.clocks = self.clocks_after(ticket, &write.events).await?;
        Ok(self.store.write_ticket(write).await?)
    }
}
