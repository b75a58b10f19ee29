use nkict::data;
use nkict::model::{Filter, Model};
use nkict::tui::derived::{Derived, Fixed, Sort};
fn main() {
    let path = std::env::args().nth(1).unwrap();
    let what = std::env::args().nth(2).unwrap();
    let model = Model::new(data::load::load_file_with_limit(path.as_ref(), u64::MAX).unwrap());
    model.prepare_search();
    let fixed = Fixed::default();
    fixed.quantity_ids(&model);
    let search = Filter { search: std::env::args().nth(3).unwrap_or_default(), ..Filter::default() };
    let t = std::time::Instant::now();
    for _ in 0..100 {
        match what.as_str() {
            "filter" => { std::hint::black_box(model.filter_with_hidden(&search)); }
            _ => { let d = Derived::new(&model, &search, Sort::default()); d.overview(&model, &search, &fixed); }
        }
    }
    println!("{:.1} ms each", t.elapsed().as_secs_f64() * 1e3 / 100.0);
}
