//! Keeps a page render inside its own reactive arena between polls.
//!
//! Leptos gives each request its own arena of signals and resources ("sandboxed arenas"): a
//! thread-local names the current one, and leptos' own tasks set it before each poll. But
//! leptos_integration_utils 0.8.9 awaits the first chunk of a page outside that sandbox, and for
//! an `SsrMode::Async` page the first chunk is the whole page, with every `<Suspense>` resolved
//! in it. When another request's task ran on the same thread in between, the render reads that
//! request's arena: a value "already disposed" panics, or a Suspense waits forever for a
//! notification it can no longer receive. Tests saw it as a page stuck once in a few runs; a
//! server under concurrent load would see it far more often.
//!
//! The fix here is small and upstream-agnostic: once a poll has created the render's root owner,
//! every later poll runs with that owner (and so its arena) set.
use axum::{extract::Request, middleware::Next, response::Response};
use leptos::prelude::Owner;
use std::{
    future::Future,
    pin::Pin,
    task::{Context, Poll},
};

/// Axum middleware: runs the rest of the request under the reactive owner it creates, if any.
pub async fn keep_render_owner(request: Request, next: Next) -> Response {
    InRenderOwner {
        render: Box::pin(next.run(request)),
        owner: None,
    }
    .await
}

struct InRenderOwner<F> {
    render: Pin<Box<F>>,
    /// The root owner the render made; `None` until a poll has made one.
    owner: Option<Owner>,
}

impl<F: Future> Future for InRenderOwner<F> {
    type Output = F::Output;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = &mut *self;
        if let Some(owner) = &this.owner {
            return owner.with(|| this.render.as_mut().poll(cx));
        }
        let before = Owner::current();
        let polled = this.render.as_mut().poll(cx);
        // Leptos sets the new root as the thread's owner and leaves it there; a poll that did
        // not reach the render (static files, a request still reading its body) changes nothing.
        let after = Owner::current();
        if after.is_some() && after != before {
            this.owner = after;
        }
        polled
    }
}
