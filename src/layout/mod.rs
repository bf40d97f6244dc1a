//! Stage 3, layout: the project and set text → pages of positioned items
//! ([`Frame`]s): the booklet's flow and the badges.

mod badge;
mod booklet;
mod flow;
pub mod frame;
mod photo;
pub mod stats;

pub use badge::{NameFit, badges, fit_name};
pub use booklet::{booklet, roman};
pub use frame::{Document, Frame, Info, Item, OutlineEntry, PageLabel, Shape, Stroke, Target};
pub use stats::Stats;
