//! Binding and serving: [`Server::bind`] + [`Server::serve`] on the caller's runtime, or
//! [`Server::start`], which runs the service on its own thread and returns its address.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;

use crate::config::Config;
use crate::error::{Error, Result};
use crate::service::Service;

/// A bound, not yet serving, service.
#[derive(Debug)]
pub struct Server {
    listener: TcpListener,
    addr: SocketAddr,
    service: Arc<Service>,
}

impl Server {
    /// Checks `config`, loads the lockout state and binds `config.listen`.
    pub async fn bind(config: Config) -> Result<Self> {
        let listen = config.listen;
        let service = Arc::new(Service::new(config)?);
        let listener = TcpListener::bind(listen).await.map_err(|source| Error::Bind { addr: listen, source })?;
        let addr = listener.local_addr().map_err(|source| Error::Bind { addr: listen, source })?;
        Ok(Self { listener, addr, service })
    }

    /// The address actually bound (port 0 resolved).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL of the service (`http://host:port`; `https` with TLS).
    pub fn base_url(&self) -> String {
        base_url(self.addr, self.service.config.tls.is_some())
    }

    /// Serves until `shutdown` completes, then finishes the requests in flight.
    pub async fn serve(self, shutdown: impl Future<Output = ()> + Send + 'static) -> Result<()> {
        let router = crate::api::router(Arc::clone(&self.service));
        if let Some(tls) = &self.service.config.tls {
            #[cfg(feature = "tls")]
            {
                let listener = crate::tls::TlsListener::new(self.listener, tls)?;
                return axum::serve(listener, router)
                    .with_graceful_shutdown(shutdown)
                    .await
                    .map_err(|e| Error::Runtime(e.to_string()));
            }
            #[cfg(not(feature = "tls"))]
            {
                let _ = tls;
                return Err(Error::Tls("this build has no TLS (feature \"tls\")".into()));
            }
        }
        axum::serve(self.listener, router)
            .with_graceful_shutdown(shutdown)
            .await
            .map_err(|e| Error::Runtime(e.to_string()))
    }

    /// Starts the service on a thread of its own (with its own Tokio runtime) and returns once
    /// it listens. Works from synchronous code and from inside another runtime.
    pub fn start(config: Config) -> Result<RunningServer> {
        let (ready_tx, ready_rx) = std::sync::mpsc::channel::<Result<(SocketAddr, String, Arc<Service>)>>();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("pecat-csc-server".into())
            .spawn(move || -> Result<()> {
                let runtime = match tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build() {
                    Ok(rt) => rt,
                    Err(e) => {
                        let error = Error::Runtime(e.to_string());
                        let _ = ready_tx.send(Err(Error::Runtime(error.to_string())));
                        return Err(error);
                    }
                };
                runtime.block_on(async move {
                    let server = match Server::bind(config).await {
                        Ok(server) => server,
                        Err(e) => {
                            let text = e.to_string();
                            let _ = ready_tx.send(Err(e));
                            return Err(Error::Runtime(text));
                        }
                    };
                    let _ = ready_tx.send(Ok((server.addr, server.base_url(), Arc::clone(&server.service))));
                    server
                        .serve(async move {
                            let _ = stop_rx.await;
                        })
                        .await
                })
            })
            .map_err(|e| Error::Runtime(e.to_string()))?;
        match ready_rx.recv() {
            Ok(Ok((addr, url, service))) => {
                Ok(RunningServer { addr, url, service, shutdown: Some(stop_tx), thread: Some(thread) })
            }
            Ok(Err(e)) => {
                let _ = thread.join();
                Err(e)
            }
            Err(_) => Err(Error::Runtime("the server thread ended before listening".into())),
        }
    }
}

fn base_url(addr: SocketAddr, tls: bool) -> String {
    format!("{}://{addr}", if tls { "https" } else { "http" })
}

/// A service running on its own thread; stopped by [`RunningServer::stop`] or when dropped.
#[derive(Debug)]
pub struct RunningServer {
    /// The bound address.
    pub addr: SocketAddr,
    url: String,
    service: Arc<Service>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<Result<()>>>,
}

impl RunningServer {
    /// The base URL (`http://127.0.0.1:port`); API paths start with `/csc/v1/` or `/csc/v2/`.
    pub fn base_url(&self) -> &str {
        &self.url
    }

    /// Requests served so far, per path (e.g. `/csc/v2/signatures/signHash` → 2): how many
    /// calls a client made, for benchmarks and tests.
    pub fn requests(&self) -> std::collections::BTreeMap<String, u64> {
        self.service.requests()
    }

    /// Whether a credential is locked now.
    pub fn is_locked(&self, credential: &str) -> bool {
        self.service.is_locked(credential)
    }

    /// Unlocks a credential and clears its failure counter.
    pub fn unlock(&self, credential: &str) -> Result<()> {
        self.service.unlock(credential)
    }

    /// Stops accepting, finishes requests in flight and waits for the thread to end.
    pub fn stop(mut self) -> Result<()> {
        self.stop_inner()
    }

    /// Blocks until the server ends by itself (an error), for binaries.
    pub fn wait(mut self) -> Result<()> {
        match self.thread.take() {
            Some(thread) => thread.join().map_err(|_| Error::Runtime("the server thread panicked".into()))?,
            None => Ok(()),
        }
    }

    fn stop_inner(&mut self) -> Result<()> {
        if let Some(stop) = self.shutdown.take() {
            let _ = stop.send(());
        }
        match self.thread.take() {
            Some(thread) => thread.join().map_err(|_| Error::Runtime("the server thread panicked".into()))?,
            None => Ok(()),
        }
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        if let Err(e) = self.stop_inner() {
            log::warn!("stopping the CSC service: {e}");
        }
    }
}
