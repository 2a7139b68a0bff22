//! `home`: what waits for the signed-in member, what is coming, their Labs — one query.

use crate::domain::flows::home;
use crate::graphql::assemblies::{Assembly, Motion, Proxy};
use crate::graphql::barcamp::Edition;
use crate::graphql::context::ContextExt;
use crate::graphql::error::GqlResultExt;
use crate::graphql::labs::{Lab, LabMember};
use async_graphql::{Context, Object, Result, SimpleObject};

#[derive(SimpleObject)]
pub struct OpenMotion {
    motion: Motion,
    /// My own vote is in.
    voted: bool,
}

#[derive(SimpleObject)]
pub struct JoinRequest {
    lab: Lab,
    request: LabMember,
}

#[derive(SimpleObject)]
pub struct BoardQueue {
    /// Lab proposals and framing changes awaiting the board.
    labs_to_review: i32,
    resource_requests: i32,
}

#[derive(SimpleObject)]
pub struct Home {
    proxies_to_answer: Vec<Proxy>,
    open_motions: Vec<OpenMotion>,
    join_requests: Vec<JoinRequest>,
    rules_to_acknowledge: Vec<Lab>,
    lab_invitations: Vec<Lab>,
    /// For board members and admins.
    board_queue: Option<BoardQueue>,
    next_assembly: Option<Assembly>,
    barcamp: Option<Edition>,
    my_labs: Vec<Lab>,
    unread_notifications: i32,
}

#[derive(Default)]
pub struct HomeQuery;

#[Object]
impl HomeQuery {
    /// The signed-in member's home (`UNAUTHENTICATED` otherwise).
    async fn home(&self, ctx: &Context<'_>) -> Result<Home> {
        let h = home::home(ctx.env(), ctx.actor()).await.gql()?;
        Ok(Home {
            proxies_to_answer: h.proxies_to_answer.into_iter().map(Proxy).collect(),
            open_motions: h
                .open_motions
                .into_iter()
                .map(|(m, voted)| OpenMotion {
                    motion: Motion(m),
                    voted,
                })
                .collect(),
            join_requests: h
                .join_requests
                .into_iter()
                .map(|(l, m)| JoinRequest {
                    lab: Lab(l),
                    request: LabMember(m),
                })
                .collect(),
            rules_to_acknowledge: h.rules_to_acknowledge.into_iter().map(Lab).collect(),
            lab_invitations: h.lab_invitations.into_iter().map(Lab).collect(),
            board_queue: h.board_queue.map(|(l, r)| BoardQueue {
                labs_to_review: l as i32,
                resource_requests: r as i32,
            }),
            next_assembly: h.next_assembly.map(Assembly),
            barcamp: h.barcamp.map(Edition),
            my_labs: h.my_labs.into_iter().map(Lab).collect(),
            unread_notifications: h.unread_notifications as i32,
        })
    }
}
