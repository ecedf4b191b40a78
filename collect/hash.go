package collect

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"sync"
)

// asyncHash hashes what is written to it on another goroutine, so hashing a
// large listing overlaps with parsing it instead of adding to it.
type asyncHash struct {
	h    hash.Hash
	ch   chan []byte
	done chan struct{}
	pool sync.Pool
}

func newAsyncHash() *asyncHash {
	a := &asyncHash{h: sha256.New(), ch: make(chan []byte, 16), done: make(chan struct{})}
	a.pool.New = func() any { b := make([]byte, 0, 512*1024); return &b }
	go func() {
		defer close(a.done)
		for b := range a.ch {
			a.h.Write(b)
			b = b[:0]
			a.pool.Put(&b)
		}
	}()
	return a
}

func (a *asyncHash) Write(p []byte) (int, error) {
	bp := a.pool.Get().(*[]byte)
	buf := append((*bp)[:0], p...)
	a.ch <- buf
	return len(p), nil
}

// Sum waits for the hashing goroutine and returns the hex digest. Call once.
func (a *asyncHash) Sum() string {
	close(a.ch)
	<-a.done
	return hex.EncodeToString(a.h.Sum(nil))
}
