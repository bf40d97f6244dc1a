//! Setting text on every core. Each worker thread has its own typesetter
//! (its caches are memos, never state that changes a result) and takes
//! every n-th block of items; the caller receives the results one by one
//! in input order, through bounded channels, so it can place each and drop
//! it: the results are the same whatever the number of threads, and only
//! a few blocks are ever waiting in memory.

use crate::text::Typesetter;

/// Items a worker takes at a time.
const BLOCK: usize = 8;

/// The cores to use.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// `f` over `items` on `threads` worker threads; `take` receives each
/// result in input order, on the calling thread.
pub fn for_each_in_order<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    like: &Typesetter<'_>,
    f: impl Fn(&T, &mut Typesetter<'_>) -> R + Sync,
    mut take: impl FnMut(R),
) {
    let threads = threads.clamp(1, items.len().div_ceil(BLOCK).max(1));
    if threads == 1 {
        let mut ts = like.fork();
        items.iter().for_each(|item| take(f(item, &mut ts)));
        return;
    }
    let worker_of = |i: usize| (i / BLOCK) % threads;
    std::thread::scope(|scope| {
        let mut results = Vec::new();
        for w in 0..threads {
            let (send, receive) = std::sync::mpsc::sync_channel::<R>(BLOCK * 2);
            results.push(receive);
            let f = &f;
            scope.spawn(move || {
                let mut ts = like.fork();
                for (_, item) in items.iter().enumerate().filter(|(i, _)| worker_of(*i) == w) {
                    if send.send(f(item, &mut ts)).is_err() {
                        return;
                    }
                }
            });
        }
        for i in 0..items.len() {
            // A worker that panicked hangs up; the scope then carries its
            // panic to the caller.
            let Ok(result) = results[worker_of(i)].recv() else {
                break;
            };
            take(result);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::FontBook;

    #[test]
    fn results_come_in_input_order_on_any_number_of_threads() {
        let book = FontBook::default();
        let items: Vec<usize> = (0..101).collect();
        for threads in [1, 2, 3, 8] {
            let mut seen = Vec::new();
            let ts = Typesetter::new(&book);
            for_each_in_order(&items, threads, &ts, |&i, _| i * 2, |r| seen.push(r));
            assert_eq!(seen, items.iter().map(|i| i * 2).collect::<Vec<_>>());
        }
    }
}
