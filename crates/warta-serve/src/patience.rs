//! Slow clients: a connection whose client sends nothing for a while when the server
//! waits to read (a request begun, or the next one on a kept-alive connection), or takes
//! nothing for a while when the server writes an answer, is closed. Otherwise each
//! stalled client would hold a socket and its buffers for ever, and some thousands of
//! them would use up the server's file descriptors.

use std::future::Future;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::connect_info::Connected;
use axum::serve::IncomingStream;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::Sleep;

/// Accepts connections that close when their client stalls for `patience`.
pub(crate) struct Listener {
    inner: TcpListener,
    patience: Duration,
}

impl Listener {
    pub(crate) fn new(inner: TcpListener, patience: Duration) -> Listener {
        Listener { inner, patience }
    }
}

impl axum::serve::Listener for Listener {
    type Io = Patient;
    type Addr = SocketAddr;

    async fn accept(&mut self) -> (Patient, SocketAddr) {
        let (stream, addr) = axum::serve::Listener::accept(&mut self.inner).await;
        let patient = Patient {
            stream,
            patience: self.patience,
            reading: None,
            writing: None,
        };
        (patient, addr)
    }

    fn local_addr(&self) -> io::Result<SocketAddr> {
        self.inner.local_addr()
    }
}

/// The client's address, as the rate limit reads it from a request.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Client(pub(crate) IpAddr);

impl Connected<IncomingStream<'_, Listener>> for Client {
    fn connect_info(stream: IncomingStream<'_, Listener>) -> Client {
        Client(stream.remote_addr().ip())
    }
}

/// A connection with a deadline on each wait: a read or a write that cannot go on
/// for `patience` fails with `TimedOut`, which ends the connection.
pub(crate) struct Patient {
    stream: TcpStream,
    patience: Duration,
    /// Set while a read waits for the client: when it fires.
    reading: Option<Pin<Box<Sleep>>>,
    writing: Option<Pin<Box<Sleep>>>,
}

/// What a wait on the stream comes to: the stream's answer (and the deadline cleared),
/// else `TimedOut` once the deadline (set at the first wait) passed.
fn within<T>(
    polled: Poll<io::Result<T>>,
    deadline: &mut Option<Pin<Box<Sleep>>>,
    patience: Duration,
    cx: &mut Context<'_>,
) -> Poll<io::Result<T>> {
    if polled.is_ready() {
        *deadline = None;
        return polled;
    }
    let timer = deadline.get_or_insert_with(|| Box::pin(tokio::time::sleep(patience)));
    match timer.as_mut().poll(cx) {
        Poll::Ready(()) => {
            *deadline = None;
            Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the client stalled",
            )))
        }
        Poll::Pending => Poll::Pending,
    }
}

impl AsyncRead for Patient {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.stream).poll_read(cx, buf);
        within(polled, &mut this.reading, this.patience, cx)
    }
}

impl AsyncWrite for Patient {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.stream).poll_write(cx, buf);
        within(polled, &mut this.writing, this.patience, cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.stream).poll_write_vectored(cx, bufs);
        within(polled, &mut this.writing, this.patience, cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let polled = Pin::new(&mut this.stream).poll_flush(cx);
        within(polled, &mut this.writing, this.patience, cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().stream).poll_shutdown(cx)
    }
}
