package lab

import (
	"io"
	"net"
	"sync"
)

// FaultyServer is a TCP server on 127.0.0.1 that misbehaves the way a
// broken directory server does.
type FaultyServer struct {
	Addr  string
	l     net.Listener
	mu    sync.Mutex
	conns []net.Conn
}

// StartHungServer accepts connections and never answers: the server that
// must not hang dpgre.
func StartHungServer() (*FaultyServer, error) { return startFaulty(false) }

// StartClosingServer reads the first byte of a request and closes the
// connection: a server that dies mid-operation.
func StartClosingServer() (*FaultyServer, error) { return startFaulty(true) }

func startFaulty(closeAfterFirstByte bool) (*FaultyServer, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &FaultyServer{Addr: l.Addr().String(), l: l}
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			if closeAfterFirstByte {
				go func() {
					io.ReadAtLeast(c, make([]byte, 1), 1)
					c.Close()
				}()
				continue
			}
			s.mu.Lock()
			s.conns = append(s.conns, c) // held open, never answered
			s.mu.Unlock()
		}
	}()
	return s, nil
}

// Close stops listening and drops the held connections.
func (s *FaultyServer) Close() {
	s.l.Close()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.conns {
		c.Close()
	}
}
