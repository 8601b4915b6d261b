//! Demo federation.
