//! Group commit for ticket creation. During an outage hundreds of people
//! report at once; committing each ticket on its own made the commit, not
//! the work, the limit (SQLite has one writer; PostgreSQL flushes its log
//! once per commit). Concurrent creations instead join a queue: whoever
//! finds no batch being written becomes the leader and writes everything
//! queued so far in one transaction, while newcomers queue for the next
//! one. Each caller gets its ticket only after the transaction that holds
//! it has committed, so an acknowledged ticket is a durable one.
//!
//! A batch that fails is retried ticket by ticket, so one bad ticket fails
//! alone. The batch is written by a spawned task: a caller that goes away
//! (a closed connection) cannot abandon the others' tickets halfway.

use super::{NewTicket, TicketRecord};
use crate::{Store, StoreError};
use std::sync::{Arc, Mutex};
use tokio::sync::oneshot;

/// The most tickets one transaction takes; more wait for the next.
const MAX_BATCH: usize = 64;

type Reply = oneshot::Sender<Result<TicketRecord, StoreError>>;

/// The queue of tickets waiting for a commit, shared by every request of
/// a process.
#[derive(Default)]
pub struct CreationQueue {
    waiting: Mutex<Vec<(NewTicket, Reply)>>,
    writing: Arc<tokio::sync::Mutex<()>>,
}

impl std::fmt::Debug for CreationQueue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CreationQueue").finish_non_exhaustive()
    }
}

impl CreationQueue {
    pub fn new() -> Arc<CreationQueue> {
        Arc::new(CreationQueue::default())
    }

    /// Creates one ticket, committed together with whatever other
    /// creations are waiting, and returns it with its number.
    pub async fn create(
        self: &Arc<Self>,
        store: &Store,
        ticket: NewTicket,
    ) -> Result<TicketRecord, StoreError> {
        let (reply, mut answer) = oneshot::channel();
        self.lock_waiting().push((ticket, reply));
        loop {
            tokio::select! {
                biased;
                result = &mut answer => {
                    return result.unwrap_or_else(|_| Err(writer_lost()));
                }
                guard = self.writing.clone().lock_owned() => {
                    let batch: Vec<(NewTicket, Reply)> = {
                        let mut waiting = self.lock_waiting();
                        let n = waiting.len().min(MAX_BATCH);
                        waiting.drain(..n).collect()
                    };
                    if batch.is_empty() {
                        // Another leader took this ticket; its answer comes.
                        drop(guard);
                        continue;
                    }
                    let store = store.clone();
                    let task = tokio::spawn(async move {
                        write_batch(&store, batch).await;
                        drop(guard);
                    });
                    // The answer arrives through `answer` whether or not
                    // this ticket was in the batch just written.
                    let _ = task.await;
                }
            }
        }
    }

    fn lock_waiting(&self) -> std::sync::MutexGuard<'_, Vec<(NewTicket, Reply)>> {
        match self.waiting.lock() {
            Ok(g) => g,
            Err(poisoned) => poisoned.into_inner(),
        }
    }
}

/// The error of a caller whose batch was never answered (the writing
/// task failed); its ticket was not acknowledged.
fn writer_lost() -> StoreError {
    StoreError::Database(sqlx::Error::WorkerCrashed)
}

/// Writes a batch in one transaction and answers every caller; if the
/// batch fails, each ticket is written (and answered) on its own.
async fn write_batch(store: &Store, batch: Vec<(NewTicket, Reply)>) {
    if batch.len() > 1 {
        let (tickets, replies): (Vec<NewTicket>, Vec<Reply>) = batch.into_iter().unzip();
        match store.create_tickets(tickets.clone()).await {
            Ok(created) if created.len() == replies.len() => {
                for (ticket, reply) in created.into_iter().zip(replies) {
                    let _ = reply.send(Ok(ticket));
                }
            }
            _ => {
                for (ticket, reply) in tickets.into_iter().zip(replies) {
                    write_one(store, ticket, reply).await;
                }
            }
        }
    } else {
        for (ticket, reply) in batch {
            write_one(store, ticket, reply).await;
        }
    }
}

async fn write_one(store: &Store, ticket: NewTicket, reply: Reply) {
    let result = store
        .create_tickets(vec![ticket])
        .await
        .and_then(|mut v| v.pop().ok_or_else(writer_lost));
    let _ = reply.send(result);
}
