//! The audit log: one record per API request (never a password, a token or a script's
//! output). Records are written by one task in batches (group commit), and a request's
//! answer waits for its record, so the log is durable before the client hears back.

use serde::Serialize;
use sqlx::Row;
use tokio::sync::{mpsc, oneshot};
use utoipa::ToSchema;

use super::Store;

/// One request, as logged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ToSchema)]
pub struct AuditRecord {
    /// The request id (also the `X-Request-Id` answered).
    pub request_id: String,
    /// When it started, RFC 3339 in answers; Unix milliseconds in the database.
    #[serde(skip)]
    pub time_ms: i64,
    /// RFC 3339, UTC.
    pub time: String,
    /// The authenticated client, if any.
    pub client: Option<String>,
    /// The peer address.
    pub source: String,
    /// `reset`, `unlock`, `status`, ...
    pub operation: String,
    /// The directory named or used.
    pub directory: Option<String>,
    /// The target user.
    pub user: Option<String>,
    /// `ok`, `error`, or `pending` while a reset writes.
    pub outcome: String,
    /// The error code of a failed request.
    pub error_code: Option<String>,
    /// The HTTP status answered (0 while pending).
    pub status: u16,
    /// Milliseconds from start to answer.
    pub duration_ms: i64,
}

type Job = (AuditRecord, oneshot::Sender<Result<(), String>>);

/// Sends records to the writer task.
#[derive(Clone, Debug)]
pub struct AuditWriter {
    jobs: mpsc::Sender<Job>,
}

/// The most records written in one transaction.
const BATCH: usize = 256;

/// Records per INSERT: 11 parameters each stays far below SQLite's 32,766 and
/// PostgreSQL's 65,535 parameters per statement.
const ROWS_PER_STATEMENT: usize = 64;

/// `INSERT ... VALUES (...), (...) ON CONFLICT ...` for `rows` records.
fn insert_statement(rows: usize) -> String {
    const COLUMNS: usize = 11;
    let mut sql = String::from(
        "INSERT INTO audit (request_id, time_ms, client, source, operation, directory, \
         user_name, outcome, error_code, status, duration_ms) VALUES ",
    );
    for row in 0..rows {
        sql.push_str(if row == 0 { "(" } else { ", (" });
        for column in 0..COLUMNS {
            if column > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&format!("${}", row * COLUMNS + column + 1));
        }
        sql.push(')');
    }
    sql.push_str(
        " ON CONFLICT (request_id) DO UPDATE SET client = excluded.client, \
         directory = excluded.directory, user_name = excluded.user_name, \
         outcome = excluded.outcome, error_code = excluded.error_code, \
         status = excluded.status, duration_ms = excluded.duration_ms",
    );
    sql
}

impl AuditWriter {
    /// Starts the writer task on `store`.
    pub fn start(store: Store) -> Self {
        let (jobs, mut queue) = mpsc::channel::<Job>(4096);
        tokio::spawn(async move {
            let mut batch = Vec::with_capacity(BATCH);
            while queue.recv_many(&mut batch, BATCH).await > 0 {
                let result = store.write_audit(batch.iter().map(|(r, _)| r)).await;
                let result = result.map_err(|e| e.to_string());
                if let Err(e) = &result {
                    tracing::error!(error = %e, records = batch.len(), "audit write failed");
                }
                for (_, done) in batch.drain(..) {
                    let _ = done.send(result.clone());
                }
            }
        });
        Self { jobs }
    }

    /// Writes (or rewrites, by request id) one record and waits until it is stored.
    pub async fn record(&self, record: AuditRecord) -> Result<(), String> {
        let (done, wait) = oneshot::channel();
        self.jobs
            .send((record, done))
            .await
            .map_err(|_| "the audit writer stopped".to_owned())?;
        wait.await
            .map_err(|_| "the audit writer stopped".to_owned())?
    }
}

impl Store {
    /// One multi-row statement per chunk (one round trip to the database, not one per
    /// record). A request's later record replaces its earlier one: in one statement
    /// PostgreSQL refuses to touch a row twice, so only the last record of each request
    /// id in the batch is sent.
    async fn write_audit<'a>(
        &self,
        records: impl Iterator<Item = &'a AuditRecord>,
    ) -> Result<(), sqlx::Error> {
        let mut last: Vec<&AuditRecord> = Vec::new();
        let mut index = std::collections::HashMap::new();
        for r in records {
            match index.get(r.request_id.as_str()) {
                Some(&i) => last[i] = r,
                None => {
                    index.insert(r.request_id.as_str(), last.len());
                    last.push(r);
                }
            }
        }
        let mut tx = self.pool().begin().await?;
        for chunk in last.chunks(ROWS_PER_STATEMENT) {
            let sql = insert_statement(chunk.len());
            let mut query = sqlx::query(&sql);
            for r in chunk {
                query = query
                    .bind(&r.request_id)
                    .bind(r.time_ms)
                    .bind(&r.client)
                    .bind(&r.source)
                    .bind(&r.operation)
                    .bind(&r.directory)
                    .bind(&r.user)
                    .bind(&r.outcome)
                    .bind(&r.error_code)
                    .bind(i64::from(r.status))
                    .bind(r.duration_ms);
            }
            query.execute(&mut *tx).await?;
        }
        tx.commit().await
    }

    /// Marks records still `pending` from before a crash as `interrupted`: their write may
    /// or may not have reached the directory (a retry with the same Idempotency-Key
    /// settles it).
    pub async fn mark_interrupted(&self, started_before_ms: i64) -> Result<u64, sqlx::Error> {
        let done = sqlx::query(
            "UPDATE audit SET outcome = 'interrupted' WHERE outcome = 'pending' AND time_ms < $1",
        )
        .bind(started_before_ms)
        .execute(self.pool())
        .await?;
        Ok(done.rows_affected())
    }

    /// Records newest first, filtered by user and start time.
    pub async fn audit_records(
        &self,
        user: Option<&str>,
        since_ms: Option<i64>,
        limit: u32,
    ) -> Result<Vec<AuditRecord>, sqlx::Error> {
        // Two statements rather than `$1 IS NULL`: PostgreSQL cannot type a NULL parameter.
        const COLUMNS: &str = "SELECT request_id, time_ms, client, source, operation, \
             directory, user_name, outcome, error_code, status, duration_ms FROM audit";
        let since = since_ms.unwrap_or(i64::MIN);
        let rows = match user {
            Some(user) => {
                sqlx::query(&format!(
                    "{COLUMNS} WHERE user_name = $1 AND time_ms >= $2 \
                     ORDER BY time_ms DESC, request_id DESC LIMIT $3"
                ))
                .bind(user)
                .bind(since)
                .bind(i64::from(limit))
                .fetch_all(self.pool())
                .await?
            }
            None => {
                sqlx::query(&format!(
                    "{COLUMNS} WHERE time_ms >= $1 ORDER BY time_ms DESC, request_id DESC LIMIT $2"
                ))
                .bind(since)
                .bind(i64::from(limit))
                .fetch_all(self.pool())
                .await?
            }
        };
        Ok(rows
            .into_iter()
            .map(|r| {
                let time_ms: i64 = r.get(1);
                AuditRecord {
                    request_id: r.get(0),
                    time_ms,
                    time: rfc3339_ms(time_ms),
                    client: r.get(2),
                    source: r.get(3),
                    operation: r.get(4),
                    directory: r.get(5),
                    user: r.get(6),
                    outcome: r.get(7),
                    error_code: r.get(8),
                    status: u16::try_from(r.get::<i64, _>(9)).unwrap_or(0),
                    duration_ms: r.get(10),
                }
            })
            .collect())
    }
}

/// RFC 3339 (UTC, milliseconds) of Unix milliseconds.
pub fn rfc3339_ms(ms: i64) -> String {
    let at = time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    let format = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
    );
    at.format(&format).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::insert_statement;

    #[test]
    fn the_statement_numbers_every_parameter_once() {
        let sql = insert_statement(2);
        assert!(sql.contains("($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11), ($12,"));
        assert!(sql.contains("$22)") && !sql.contains("$23"));
    }
}
