"""The course's Python, verbatim, for the book's table: compute_pi_sequential and
compute_pi_process (multiprocessing), timed at 10^7 points (10^9 would take minutes).
    python3 examples-pi/pi-simd/benches/pi_course.py sequential 10000000
    python3 examples-pi/pi-simd/benches/pi_course.py process 10000000 2"""
import sys
from multiprocessing import Process, Queue


def compute_pi_sequential(nbpoint):
    s = 0
    l = 1. / nbpoint
    for i in range(nbpoint):
        x = l * (i + 0.5)
        s += l * (4. / (1. + x**2))
    return s


def pi_process_worker(nbpoint, pid, nbproc, output):
    s = 0
    l = 1. / nbpoint
    start = pid * (nbpoint // nbproc)
    stop = (pid + 1) * (nbpoint // nbproc)
    if pid == nbproc - 1:  ## C'est le dernier thread
        stop += nbpoint % nbproc
    for i in range(start, stop):
        x = l * (i + 0.5)
        s += l * (4. / (1. + x**2))
    output.put(s)


def compute_pi_process(nbpoint, nbproc):
    pi_contrib = Queue()
    procs = [Process(target=pi_process_worker, args=(nbpoint, i, nbproc, pi_contrib)) for i in range(nbproc)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    pi_val = 0.
    while not pi_contrib.empty():
        pi_val += pi_contrib.get()
    return pi_val


if __name__ == "__main__":
    how, n = sys.argv[1], int(sys.argv[2])
    pi = compute_pi_sequential(n) if how == "sequential" else compute_pi_process(n, int(sys.argv[3]))
    print(f"PI = {pi}")
