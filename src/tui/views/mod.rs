//! One file per view, each implementing `app::View`: its title, its keys,
//! its lists, its selection and its drawing. `ALL` lists them in tab order;
//! adding a view is a file here and one line in `views!` below.

use super::app::View;

/// Declares each view's module and lists the views, in tab order.
macro_rules! views {
    ($($module:ident :: $view:ident),* $(,)?) => {
        $(pub mod $module;)*

        /// Every view, in tab order.
        pub const ALL: &[&dyn View] = &[$(&$module::$view),*];
    };
}

views! {
    overview::Overview,
    timeline::Timeline,
    indicators::Indicators,
    estimates::Estimates,
    records::Records,
    sources::Sources,
}
