//! Live assembly events: turnout and results as they are committed.

use super::*;

#[derive(SimpleObject, Clone)]
pub struct AssemblyEvent {
    kind: String,
    motion_id: Option<ID>,
    turnout: i32,
    tally: Option<Tally>,
}

#[derive(Default)]
pub struct AssembliesSubscription;

#[Subscription]
impl AssembliesSubscription {
    /// Turnout and (open ballots, or once closed) tallies as votes arrive; a burst of votes
    /// becomes one event every 200 ms at most.
    async fn assembly_live(
        &self,
        ctx: &Context<'_>,
        assembly_id: ID,
    ) -> Result<impl Stream<Item = AssemblyEvent>> {
        let me = assemblies::reader(ctx.actor()).gql()?.id;
        let id = parse_uuid("assemblyId", &assembly_id)?;
        assemblies::find(&ctx.env().db, id).await.gql()?;
        let slot = crate::graphql::subscriptions::slot(ctx)?;
        let env = ctx.env().clone();
        let session = ctx.data_opt::<WsSession>().cloned();
        let rx = env.live.subscribe();
        let signals = BroadcastStream::new(rx)
            .filter_map(move |s| async move {
                match s {
                    Ok(s) if s.assembly_id == id => Some(Some(s)),
                    Ok(_) => None,
                    Err(_) => Some(None),
                }
            })
            .ready_chunks(1_024)
            .then(|batch| async move {
                tokio::time::sleep(Duration::from_millis(200)).await;
                batch
            });
        Ok(signals
            .then(move |batch| {
                let env = env.clone();
                let session = session.clone();
                async move {
                    // Rights and token are re-checked on every event: a member who left the
                    // association, or whose token expired or was revoked, stops receiving.
                    let allowed = WsSession::still_signed_in(session.as_ref(), &env, me)
                        .await
                        .is_some_and(|u| {
                            assemblies::reader(&Actor::User(accounts::current_user(&u))).is_ok()
                        });
                    if !allowed {
                        return None;
                    }
                    let last = batch.iter().rev().flatten().next().cloned();
                    let kind = last.as_ref().map_or("VOTE", |s| s.kind).to_owned();
                    let (motion, turnout, tally_now) =
                        live::figures(&env, last.as_ref().and_then(|s| s.motion_id)).await;
                    Some(AssemblyEvent {
                        kind,
                        motion_id: motion.map(|m| ID(m.id.to_string())),
                        turnout: turnout as i32,
                        tally: tally_now.map(tally),
                    })
                }
            })
            .take_while(|event| std::future::ready(event.is_some()))
            .filter_map(std::future::ready)
            // The slot lives as long as the stream.
            .map(move |e| {
                let _slot = &slot;
                e
            }))
    }
}
